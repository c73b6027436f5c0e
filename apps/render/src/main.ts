console.log('render');
